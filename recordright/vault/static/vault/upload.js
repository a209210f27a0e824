// The vault's upload page: several files at once, dragged or chosen, each sent on its own
// with a progress bar. Without this script the form posts all files at once and works too.
(function () {
  "use strict";
  var form = document.getElementById("vault-upload");
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var input = form.querySelector("input[type=file]");
  var zone = document.getElementById("vault-drop");
  var list = document.getElementById("vault-progress");
  var section = document.getElementById("vault-progress-section");
  var done = document.getElementById("vault-done");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var requestField = form.querySelector("select[name=records_request]");
  var pending = [];

  zone.querySelector(".drop-hint").hidden = false;
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      pending = Array.prototype.slice.call(event.dataTransfer.files);
      input.required = false;
      say(pending.length + (pending.length === 1 ? " file ready." : " files ready."));
    }
  });

  function say(text) {
    var help = document.getElementById("files-help");
    help.textContent = text;
  }

  function row(file) {
    var item = document.createElement("li");
    var label = document.createElement("span");
    label.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    var status = document.createElement("span");
    status.className = "upload-status";
    status.textContent = "Waiting";
    item.appendChild(label);
    item.appendChild(bar);
    item.appendChild(status);
    list.appendChild(item);
    return {bar: bar, status: status, item: item};
  }

  function send(file, view) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token);
      data.append("files", file, file.name);
      if (requestField && requestField.value) { data.append("records_request", requestField.value); }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          view.bar.value = Math.round(100 * event.loaded / event.total);
          view.status.textContent = "Sending " + view.bar.value + "%";
        }
      });
      xhr.addEventListener("load", function () {
        var answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
        var result = answer && answer.files && answer.files[0];
        view.bar.value = 100;
        if (result) {
          view.status.textContent = result.message;
          view.item.className = "upload-" + result.status;
        } else if (xhr.status === 413) {
          view.status.textContent = "Too large to send.";
          view.item.className = "upload-failed";
        } else {
          view.status.textContent = "Not sent: please try again.";
          view.item.className = "upload-failed";
        }
        resolve();
      });
      xhr.addEventListener("error", function () {
        view.status.textContent = "Not sent: the connection failed. Please try again.";
        view.item.className = "upload-failed";
        resolve();
      });
      xhr.send(data);
    });
  }

  form.addEventListener("submit", function (event) {
    var files = pending.length ? pending : Array.prototype.slice.call(input.files);
    if (!files.length) { return; }
    event.preventDefault();
    section.hidden = false;
    list.textContent = "";
    var views = files.map(row);
    var chain = Promise.resolve();
    files.forEach(function (file, index) {
      chain = chain.then(function () { return send(file, views[index]); });
    });
    chain.then(function () {
      done.hidden = false;
      form.reset();
      pending = [];
      input.required = true;
    });
  });
}());
