import { api, handleForm, renderNav } from './lib.js';

renderNav();
const form = document.getElementById('signup-form');
handleForm(form, async (data) => {
  const res = await api('POST', '/api/coaches', {
    displayName: data.displayName,
    email: data.email,
    password: data.password,
  });
  // The same answer whether or not the address has an account: the email says what to do next.
  const done = document.getElementById('signup-done');
  done.textContent = res.message;
  done.classList.remove('hidden');
  form.classList.add('hidden');
});
