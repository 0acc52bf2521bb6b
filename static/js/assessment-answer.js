// Answering a needs assessment: conveniences on top of pages that work without script.
//
// - Questions whose condition reads answers on the same page are on it, hidden while the
//   condition does not hold (data-relevant: the parsed condition, as JSON); this script
//   evaluates them as the server does (assessments/expressions/evaluation.py) whenever an
//   answer changes, and shows or hides them at once. The server decides again on every save:
//   the form says it was shown with the script ("script=1"), and nothing here is trusted.
// - The "other, specify" field is shown only while "Other" is chosen (or holds text).
// - The list of errors takes the focus, so that screen readers announce it.
(function () {
  "use strict";
  var form = document.querySelector("[data-answer-form]");
  if (!form) return;
  var errors = document.getElementById("answer-errors");
  if (errors) errors.focus();

  var dataElement = document.getElementById("answer-data");
  var data = dataElement ? JSON.parse(dataElement.textContent) : {answers: {}, today: ""};
  var NUMERIC = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;

  function string(value) {
    if (typeof value === "boolean") return value ? "true" : "false";
    if (Array.isArray(value)) return value.join(" ");
    return String(value);
  }
  function number(value) {
    if (typeof value === "boolean") return value ? 1 : 0;
    if (typeof value === "number") return value;
    var text = string(value);
    return NUMERIC.test(text) ? parseFloat(text) : null;
  }
  function blank(value) {
    return value === "" || (Array.isArray(value) && value.length === 0);
  }
  function truthy(value) {
    if (typeof value === "boolean") return value;
    if (typeof value === "number") return value !== 0 && !isNaN(value);
    return value.length > 0;
  }
  function choices(value) {
    return Array.isArray(value) ? value : string(value).split(/\s+/).filter(Boolean);
  }
  function finite(value) {
    return isFinite(value) ? value : "";
  }
  function compare(operator, left, right) {
    var a, b;
    if (operator === "=" || operator === "!=") {
      var equal;
      if (typeof left === "boolean" || typeof right === "boolean") {
        equal = truthy(left) === truthy(right);
      } else {
        a = number(left);
        b = number(right);
        equal = a === null || b === null ? string(left) === string(right) : a === b;
      }
      return operator === "=" ? equal : !equal;
    }
    if (blank(left) || blank(right)) return false;
    a = number(left);
    b = number(right);
    if (a === null || b === null) {
      a = string(left);
      b = string(right);
    }
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[operator];
  }
  function arithmetic(operator, left, right) {
    var a = number(left), b = number(right);
    if (a === null || b === null) return "";
    if (operator === "+") return finite(a + b);
    if (operator === "-") return finite(a - b);
    if (operator === "*") return finite(a * b);
    if (b === 0) return "";
    if (operator === "div") return finite(a / b);
    return finite(a % b);
  }

  function evaluate(node, lookup) {
    if ("number" in node) return parseFloat(node.number);
    if ("string" in node) return node.string;
    if ("reference" in node) return lookup(node.reference);
    if ("current" in node) return "";
    if ("negate" in node) {
      var operand = number(evaluate(node.negate, lookup));
      return operand === null ? "" : -operand;
    }
    if ("operator" in node) {
      var left = evaluate(node.left, lookup);
      if (node.operator === "or") return truthy(left) || truthy(evaluate(node.right, lookup));
      if (node.operator === "and") return truthy(left) && truthy(evaluate(node.right, lookup));
      var right = evaluate(node.right, lookup);
      if (["+", "-", "*", "div", "mod"].indexOf(node.operator) >= 0) {
        return arithmetic(node.operator, left, right);
      }
      return compare(node.operator, left, right);
    }
    var args = node.arguments;
    switch (node.call) {
      case "true": return true;
      case "false": return false;
      case "today": return data.today;
      case "if":
        return evaluate(truthy(evaluate(args[0], lookup)) ? args[1] : args[2], lookup);
    }
    var first = evaluate(args[0], lookup);
    switch (node.call) {
      case "coalesce": return blank(first) ? evaluate(args[1], lookup) : first;
      case "not": return !truthy(first);
      case "selected": return choices(first).indexOf(string(evaluate(args[1], lookup))) >= 0;
      case "count-selected": return choices(first).length;
      case "string-length": return string(first).length;
      case "regex": return new RegExp(args[1].string).test(string(first));
    }
    throw new Error("unknown function " + node.call);
  }

  // The answer named ``name`` as the form holds it now: in the same row first, then on the
  // page, then from other pages (as the server sent them).
  function answerOf(name, row) {
    var names = row ? [row + name, "q-" + name] : ["q-" + name];
    for (var i = 0; i < names.length; i++) {
      var fields = form.querySelectorAll('[name="' + names[i] + '"]');
      if (!fields.length) continue;
      var first = fields[0];
      if (first.type === "radio") {
        var checked = form.querySelector('[name="' + names[i] + '"]:checked');
        return checked ? checked.value : "";
      }
      if (first.type === "checkbox") {
        return Array.prototype.filter.call(fields, function (box) { return box.checked; })
          .map(function (box) { return box.value; });
      }
      var value = first.value.trim();
      if (first.getAttribute("inputmode") === "decimal") value = value.replace(",", ".");
      return value;
    }
    return name in data.answers ? data.answers[name] : "";
  }

  function update() {
    var conditional = form.querySelectorAll("[data-relevant]");
    Array.prototype.forEach.call(conditional, function (element) {
      var rowElement = element.closest("[data-row-prefix]");
      var row = rowElement ? rowElement.getAttribute("data-row-prefix") : "";
      var shown;
      try {
        shown = truthy(evaluate(JSON.parse(element.getAttribute("data-relevant")), function (name) {
          return answerOf(name, row);
        }));
      } catch (error) {
        shown = true; // the server decides on saving
      }
      element.hidden = !shown;
    });
  }

  if (form.querySelector("[data-relevant]")) {
    var marker = document.createElement("input");
    marker.type = "hidden";
    marker.name = "script";
    marker.value = "1";
    form.appendChild(marker);
    Array.prototype.forEach.call(form.querySelectorAll("[data-answer-update]"), function (element) {
      element.hidden = true;
    });
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  }

  var others = form.querySelectorAll("[data-answer-other]");
  function sync(input) {
    var field = document.getElementById(input.getAttribute("data-answer-other"));
    if (!field) return;
    field.parentNode.hidden = !input.checked && field.value === "";
  }
  Array.prototype.forEach.call(others, function (input) {
    sync(input);
    var group = form.querySelectorAll('input[name="' + input.name + '"]');
    Array.prototype.forEach.call(group, function (sibling) {
      sibling.addEventListener("change", function () { sync(input); });
    });
  });
})();
