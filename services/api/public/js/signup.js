import { api, handleForm, renderNav } from './lib.js';

renderNav();
handleForm(document.getElementById('signup-form'), async (data) => {
  await api('POST', '/api/coaches', {
    displayName: data.displayName,
    email: data.email,
    password: data.password,
  });
  location.assign('/coach');
});
