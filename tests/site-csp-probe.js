// Loaded first into every docs page that tests/site-live.test.ts opens under the strict
// Content-Security-Policy: tells the test page about each policy violation and each script or
// resource error, which would otherwise only reach the console. A classic script, so it runs
// before the page's module scripts.
(function () {
  function post(kind, text) {
    parent.postMessage({ gualianSiteProbe: kind, text: String(text) }, '*');
  }
  document.addEventListener('securitypolicyviolation', function (e) {
    post('violation', e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ') ' + (e.sample || ''));
  });
  window.addEventListener(
    'error',
    function (e) {
      var t = e.target;
      if (t && t !== window && (t.src || t.href)) post('error', 'failed to load ' + (t.src || t.href));
      else post('error', e.message + ' (' + e.filename + ':' + e.lineno + ')');
    },
    true,
  );
  window.addEventListener('unhandledrejection', function (e) {
    post('error', 'unhandled rejection: ' + ((e.reason && e.reason.message) || e.reason));
  });
})();
