// Registers <gualian-pairing-roster>; guarded so two copies of the bundle on one page do not throw.
import { GualianPairingRoster } from './pairing-roster.js';

customElements.get('gualian-pairing-roster') ?? customElements.define('gualian-pairing-roster', GualianPairingRoster);
