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
// Formsets (the filing page's parties and agents): "add" copies the row kept in
// the fieldset's <template> with the next index; "remove" drops a row that was
// added here (a row with nothing typed in it is ignored by the server).
document.addEventListener("click", function (event) {
  var add = event.target.closest && event.target.closest("[data-formset-add]");
  if (add) {
    var prefix = add.getAttribute("data-formset-add");
    var set = document.querySelector('[data-formset="' + prefix + '"]');
    var total = set.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var index = parseInt(total.value, 10);
    var html = set.querySelector("template.formset-empty").innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__num__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    var role = add.getAttribute("data-role");
    if (role) {
      var select = row.querySelector('select[name$="-role"]');
      if (select) { select.value = role; }
    }
    set.querySelector(".formset-rows").appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector('input[name$="-name"]');
    if (first) { first.focus(); }
    return;
  }
  var remove = event.target.closest && event.target.closest("[data-formset-remove]");
  if (remove) {
    remove.closest(".formset-row").remove();
  }
});
// Scheme rows (assessment/scheme_form.html): the parameter fields of the kind
// chosen are shown, the other kinds' are hidden (the server reads only the
// chosen kind's).
document.addEventListener("change", function (event) {
  var select = event.target;
  if (!(select.matches && select.matches("select[data-param-switch]"))) { return; }
  var row = select.closest("[data-param-row]");
  if (!row) { return; }
  row.querySelectorAll("[data-param-kind]").forEach(function (group) {
    group.hidden = group.getAttribute("data-param-kind") !== select.value;
  });
});
