// Optional drawn signature: Pointer Events cover mouse, touch and pen alike.
// The drawing is kept as a PNG data URL in a hidden field; the typed name is enough
// without it, so the canvas is only shown when this script runs.
(function () {
  "use strict";
  var canvas = document.getElementById("signature-canvas");
  if (!canvas || !canvas.getContext) { return; }
  var field = document.getElementById(canvas.dataset.field);
  var clearButton = document.getElementById("signature-clear");
  var ctx = canvas.getContext("2d");
  var drawing = false;
  var drawn = false;

  document.getElementById("signature-draw").hidden = false;
  ctx.lineWidth = 3;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.strokeStyle = "#101040";

  // Map a pointer position to canvas pixels (the canvas is scaled by CSS).
  function point(event) {
    var box = canvas.getBoundingClientRect();
    return {
      x: (event.clientX - box.left) * (canvas.width / box.width),
      y: (event.clientY - box.top) * (canvas.height / box.height)
    };
  }

  canvas.addEventListener("pointerdown", function (event) {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    var p = point(event);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drawing) { return; }
    var p = point(event);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    drawn = true;
  });
  function finish() {
    if (!drawing) { return; }
    drawing = false;
    if (drawn) { field.value = canvas.toDataURL("image/png"); }
  }
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);

  clearButton.addEventListener("click", function () {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    field.value = "";
    drawn = false;
  });

  // After a form error, show the drawing the user had made.
  if (field.value.indexOf("data:image/png;base64,") === 0) {
    var image = new Image();
    image.onload = function () { ctx.drawImage(image, 0, 0); drawn = true; };
    image.src = field.value;
  }
})();
