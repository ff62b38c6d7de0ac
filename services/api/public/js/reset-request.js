import { api, handleForm, renderNav } from './lib.js';

renderNav();
const done = document.getElementById('form-done');
handleForm(document.getElementById('reset-form'), async (data) => {
  const res = await api('POST', '/api/password-resets', { email: data.email });
  done.textContent = res.message;
  done.classList.remove('hidden');
});
