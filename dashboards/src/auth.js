// Session handling: the login form, the "who am I" check at start-up, and logout.
import * as api from './api.js';

/**
 * Wires the login form: posts the credentials and calls `onLoggedIn(user)` on success, or
 * shows the server's message in `errorEl` on failure.
 */
export function bindLoginForm(form, errorEl, onLoggedIn) {
  const button = form.querySelector('button[type="submit"]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    button.disabled = true;
    showLoginError(errorEl, null);
    try {
      const { user } = await api.login(String(data.get('username')).trim(), String(data.get('password')));
      form.reset();
      onLoggedIn(user);
    } catch (e) {
      showLoginError(errorEl, e.message || 'Login failed 登录失败');
      form.elements.password.select();
    } finally {
      button.disabled = false;
    }
  });
}

/** Shows `message` in the login error box, or hides the box when it is null. */
export function showLoginError(errorEl, message) {
  errorEl.textContent = message ?? '';
  errorEl.hidden = !message;
}

/** Resolves to the logged-in user, or null when there is no valid session cookie. */
export async function currentUser() {
  try {
    return await api.me();
  } catch (e) {
    if (e.unauthorized) return null;
    throw e;
  }
}

/** Ends the session; a failure is ignored because the local view is left either way. */
export async function signOut() {
  try {
    await api.logout();
  } catch (e) {
    console.warn('Logout request failed', e);
  }
}
