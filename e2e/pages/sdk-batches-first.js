// The page's own pagehide listener, registered before the SDK's (as an analytics script or a
// framework loaded first would): it does nothing but be there.
addEventListener('pagehide', () => {});
