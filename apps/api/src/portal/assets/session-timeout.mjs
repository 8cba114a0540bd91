// The session timeout warning: a dialog a couple of minutes before the session would end for want of
// use, with a way to stay signed in. Without JavaScript the session simply ends and the next page asks
// the person to sign in again; nothing they saved is lost either way.
const dialog = document.getElementById('session-timeout');
if (dialog && typeof dialog.showModal === 'function') {
  const seconds = Number(dialog.dataset.sessionSeconds);
  const warnSeconds = Number(dialog.dataset.warnSeconds);
  const signOut = dialog.querySelector('form');
  let warnTimer;
  let endTimer;
  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(() => dialog.showModal(), Math.max(0, seconds - warnSeconds) * 1000);
    endTimer = setTimeout(() => signOut.submit(), seconds * 1000);
  };
  dialog.querySelector('[data-stay-signed-in]').addEventListener('click', async () => {
    // Any signed-in request extends the session; this one does nothing else.
    const response = await fetch('/portal/session', { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok || response.redirected) {
      window.location.assign('/portal/sign-in');
      return;
    }
    dialog.close();
    schedule();
  });
  schedule();
}
