// Check-in page: scan a badge's QR code with the camera (jsQR, vendored) and look it up.
(function () {
  "use strict";
  var start = document.getElementById("scan-start");
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  var form = document.getElementById("scan-form");
  if (!start || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.jsQR) {
    return;  // No camera here: the search by name or badge number still works.
  }
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var stream = null;

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
  }

  function scan() {
    if (!stream) {
      return;
    }
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (code && code.data) {
        stop();
        form.elements.code.value = code.data;
        form.submit();
        return;
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
