// Check-in page: scan badges' QR codes with the camera (jsQR, vendored), continuously. Each
// code goes to the server without leaving the page; its answer (let in, already in, refused
// with the reason, or the person to confirm at a zone that confirms each entry) shows under
// the camera, which keeps scanning. The same badge is not sent again for a few seconds.
(function () {
  "use strict";
  var start = document.getElementById("scan-start");
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  var result = document.getElementById("scan-result");
  var form = document.getElementById("scan-form");
  if (!form || !result) {
    return;
  }
  var REPEAT_AFTER_MS = 4000;
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var stream = null;
  var busy = false;
  var lastCode = "";
  var lastAt = 0;

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
  }

  function send(code, confirm) {
    var data = new FormData();
    data.append("zone", form.elements.zone.value);
    data.append("code", code);
    if (confirm) {
      data.append("confirm", "1");
    }
    busy = true;
    return fetch(form.dataset.result, {
      method: "POST",
      body: data,
      headers: { "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
      credentials: "same-origin"
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status + " " + response.statusText);
        }
        return response.json();
      })
      .then(function (answer) {
        result.innerHTML = answer.html;
        var button = result.querySelector("[data-confirm]");
        if (button) {
          button.addEventListener("click", function () {
            button.disabled = true;
            send(code, true);
          });
          button.focus();
        }
      })
      .catch(function (error) {
        result.textContent = error.message;
      })
      .then(function () {
        busy = false;
        lastAt = Date.now();
      });
  }

  // For tests and for a hand-held scanner: the same path as the camera's.
  window.plenaryCheckInSend = function (code) { return send(code, false); };
  if (!start || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.jsQR) {
    return;  // No camera here: the search by name or badge number still works.
  }

  function scan() {
    if (!stream) {
      return;
    }
    if (!busy && video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (code && code.data && (code.data !== lastCode || Date.now() - lastAt > REPEAT_AFTER_MS)) {
        lastCode = code.data;
        lastAt = Date.now();
        send(code.data, false);
      }
    }
    window.requestAnimationFrame(scan);
  }

  start.hidden = false;
  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (mediaStream) {
        stream = mediaStream;
        video.srcObject = stream;
        video.hidden = false;
        start.hidden = true;
        status.textContent = start.dataset.scanning || "";
        return video.play();
      })
      .then(function () { window.requestAnimationFrame(scan); })
      .catch(function (error) {
        status.textContent = error.message;
      });
  });
  window.addEventListener("pagehide", stop);
})();
