// Quick exit lands here. Forget what the app kept in this tab and on this device: its storage and the
// offline copies of shared docs (IndexedDB `tandem:*`). Done here, after leaving, so that leaving never waits.
(function forget() {
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    // storage may be unavailable
  }
  try {
    if (!indexedDB.databases) return;
    indexedDB
      .databases()
      .then(function (dbs) {
        dbs.forEach(function (db) {
          if (db.name && db.name.indexOf('tandem:') === 0) indexedDB.deleteDatabase(db.name);
        });
      })
      .catch(function () {});
  } catch {
    // best effort
  }
})();
