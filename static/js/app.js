// Behaviour that the Content-Security-Policy keeps out of inline attributes
// (no onclick/onchange: script-src allows only this site and nonce'd blocks).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
    field.form.submit();
  }
});
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-fullscreen]");
  if (button && document.documentElement.requestFullscreen) {
    document.documentElement.requestFullscreen();
  }
});
