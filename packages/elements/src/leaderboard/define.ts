// Registers <gualian-leaderboard>; guarded so two copies of the bundle on one page do not throw.
import { GualianLeaderboard } from './leaderboard.js';

customElements.get('gualian-leaderboard') ?? customElements.define('gualian-leaderboard', GualianLeaderboard);
