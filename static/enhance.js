// Optional: everything works without this file.
// Quick exit leaves without keeping this page in the back history, and pressing Shift three
// times in a row does the same from anywhere on the page. A form's error summary takes focus,
// and "Print this" buttons appear.
(function () {
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
  Array.prototype.forEach.call(document.querySelectorAll(".print-button"), function (button) {
    button.hidden = false;
    button.nextElementSibling.hidden = true;
    button.addEventListener("click", function () { window.print(); });
  });
  var link = document.getElementById("quick-exit");
  if (!link) return;
  function leave(event) {
    if (event) event.preventDefault();
    document.body.hidden = true;
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  var presses = 0, timer;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) { presses = 0; return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 2000);
    if (presses === 3) leave();
  });
})();
