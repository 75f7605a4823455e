// Optional: everything works without this file. Quick exit (or Escape twice, said once a visit)
// leaves without keeping this page in the history; browsing discreetly, links here replace the
// page too, so a visit takes one entry. Error summaries take focus; "Print this" buttons appear.
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
  var last = -1e9;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (event.timeStamp - last < 1500) leave();
    last = event.timeStamp;
  });
  try {
    if (!sessionStorage.getItem("exit-said")) {
      sessionStorage.setItem("exit-said", "1");
      var hint = document.createElement("p");
      hint.className = "visually-hidden";
      hint.setAttribute("role", "status");
      link.after(hint);
      setTimeout(function () { hint.textContent = "Press Escape twice to leave this site quickly."; }, 500);
    }
  } catch (e) { /* no storage: say nothing */ }
  if (!document.documentElement.hasAttribute("data-discreet")) return;
  document.addEventListener("click", function (event) {
    var a = event.target.closest("a[href]");
    if (!a || a.origin !== location.origin || a.target || (a.hash && a.pathname === location.pathname) ||
        event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button) return;
    event.preventDefault();
    location.replace(a.href);
  });
})();
