// The signed-in user, shared by the views of one app. A 401 on any request (the session expired
// or was ended elsewhere) drops the user and leaves a message for the sign-in page.
import { reactive } from 'vue';
import * as api from './api.js';

export const session = reactive({ user: null, checked: false, notice: null });

api.onUnauthorized(() => {
  if (session.user) {
    session.user = null;
    session.notice = 'signIn.expired';
  }
});

/** Asks the server who is signed in (the cookie); resolves when known. */
export async function restore() {
  try {
    session.user = await api.me();
  } catch (e) {
    session.user = null;
    if (!e.unauthorized) throw e;
  } finally {
    session.checked = true;
  }
}

/** Signs in; rejects with the ApiError (401, 429 with retryAfter, ...). */
export async function signIn(username, password) {
  const { user } = await api.login(username, password);
  session.user = user;
  session.notice = null;
  return user;
}

/** Signs out; a failed request is ignored because the local session is left either way. */
export async function signOut() {
  try {
    await api.logout();
  } catch (e) {
    console.warn('[session] logout request failed', e);
  }
  session.user = null;
  session.notice = 'signIn.signedOut';
}

/** Whether the user has any of `roles`. */
export const hasRole = (user, ...roles) => (user?.roles ?? []).some((r) => roles.includes(r));
