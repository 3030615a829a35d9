// The page of a document made by a task (delegations/task_document.html): while the document
// is being made, poll its status and show the progress; once it is finished,
// reload the page, which then offers the file or says what went wrong.
(function () {
  "use strict";
  var box = document.getElementById("document-progress");
  if (!box || box.dataset.finished === "true" || !window.fetch) {
    return;  // Finished already, or an old browser: the Refresh link does the same by hand.
  }
  var bar = box.querySelector("progress");
  var text = box.querySelector(".document-progress-text");

  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (status) {
        if (status.finished) {
          window.location.reload();
          return;
        }
        text.textContent = status.text;
        if (status.total) {
          bar.max = status.total;
          bar.value = status.done;
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);  // Logged out or offline: try again, more slowly.
      });
  }

  window.setTimeout(poll, 1000);
}());
