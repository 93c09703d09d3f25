// Records every Content-Security-Policy violation on the page, from before the SDK starts.
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile }));
