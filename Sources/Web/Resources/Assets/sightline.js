// Sightline's only script, and an optional one: every page works without it.
// Upload forms marked data-progress send their files in the background and show how far the
// upload has got, then how the server is getting on, and finally the page the server answers.
(function () {
  "use strict";

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1) + " MB";
  }

  function enhance(form) {
    var bar = form.querySelector("progress");
    var status = form.querySelector("[role=status]");
    form.addEventListener("submit", function (event) {
      if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) { return; }
      event.preventDefault();
      var request = new XMLHttpRequest();
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
      bar.hidden = false;
      bar.value = 0;
      status.textContent = "Uploading…";
      request.upload.addEventListener("progress", function (progress) {
        if (!progress.lengthComputable) { return; }
        bar.max = progress.total;
        bar.value = progress.loaded;
        status.textContent = "Uploading: " + megabytes(progress.loaded) + " of " + megabytes(progress.total) +
          " (" + Math.round(100 * progress.loaded / progress.total) + "%)";
      });
      request.upload.addEventListener("load", function () {
        bar.removeAttribute("value");
        status.textContent = "Uploaded. Sightline is checking and importing each file; large files take a minute.";
      });
      request.addEventListener("load", function () {
        var answer = new DOMParser().parseFromString(request.responseText, "text/html");
        var main = answer.querySelector("main");
        if (!main) {
          status.textContent = "The server answered " + request.status + " " + request.statusText + ".";
          if (button) { button.disabled = false; }
          return;
        }
        document.title = answer.title;
        document.querySelector("main").replaceWith(main);
        var heading = main.querySelector("[data-focus]") || main.querySelector("h1");
        if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
      });
      request.addEventListener("error", function () {
        status.textContent = "The upload did not reach the server. Check the connection and send the files again.";
        bar.hidden = true;
        if (button) { button.disabled = false; }
      });
      request.open("POST", form.action);
      request.send(new FormData(form));
    });
  }

  document.querySelectorAll("form[data-progress]").forEach(enhance);
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
