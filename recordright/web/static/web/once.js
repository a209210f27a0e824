// One-time form tokens (recordright/web/once.py). Pages are never cached, so the back
// button loads a form page afresh, with a new token, and the browser then puts back what
// the form held before. It puts back only values that differ from the page's own, so each
// token is marked here as in use; after "back", the browser restores the token that was
// already sent, and sending the form again creates nothing twice.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.once-token").forEach(function (input) {
    if (input.value === input.defaultValue && input.value.slice(-1) !== "~") {
      input.value = input.defaultValue + "~";
    }
  });
});
