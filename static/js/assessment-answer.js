// Answering a needs assessment: small conveniences on top of pages that work without it.
// The "other, specify" field is shown only while "Other" is chosen (the server still checks
// it), and the list of errors takes the focus so that screen readers announce it.
(function () {
  "use strict";
  var form = document.querySelector("[data-answer-form]");
  if (!form) return;
  var errors = document.getElementById("answer-errors");
  if (errors) errors.focus();
  var others = form.querySelectorAll("[data-answer-other]");
  function sync(input) {
    var field = document.getElementById(input.getAttribute("data-answer-other"));
    if (!field) return;
    var box = field.parentNode;
    box.hidden = !input.checked && field.value === "";
  }
  Array.prototype.forEach.call(others, function (input) {
    sync(input);
    var group = form.querySelectorAll('input[name="' + input.name + '"]');
    Array.prototype.forEach.call(group, function (sibling) {
      sibling.addEventListener("change", function () { sync(input); });
    });
  });
})();
