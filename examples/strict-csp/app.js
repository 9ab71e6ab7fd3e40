// The partner's own code, as a file.
matbakh.page('Strict CSP');
document.getElementById('add').addEventListener('click', () => {
  matbakh.track('Product Added', { product_id: 'd-falafel', price: 11.5, currency: 'EUR' });
});
document.getElementById('privacy').addEventListener('click', () => {
  if (matbakh.privacy) matbakh.privacy.open();
});
