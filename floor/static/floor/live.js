// The live list of speakers: asks the server for the list's state every second and shows who
// has the floor, the time they have spoken, who follows and who has spoken. The timer runs
// here, from the moment the speaker started (corrected by the server's clock when it says it).
(function () {
  "use strict";
  const live = document.getElementById("live");
  if (!live) return;
  const url = live.dataset.stateUrl;
  let state = null;
  let offset = 0; // server clock minus ours, in ms
  let version = null;

  function item(row, labels) {
    const li = document.createElement("li");
    const name = document.createElement("bdi");
    name.textContent = row.delegation;
    li.appendChild(name);
    if (row.on_behalf_of) {
      li.appendChild(document.createTextNode(" (" + labels.on_behalf_of.replace("%(group)s", row.on_behalf_of) + ")"));
    }
    if (row.speaker) {
      const speaker = document.createElement("span");
      speaker.className = "muted";
      speaker.dir = "auto";
      speaker.textContent = " · " + row.speaker;
      li.appendChild(speaker);
    }
    return li;
  }

  function fill(list, rows, labels) {
    list.replaceChildren(...rows.map((row) => item(row, labels)));
  }

  function clock(seconds) {
    const sign = seconds < 0 ? "-" : "";
    seconds = Math.abs(seconds);
    return sign + Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function tick() {
    const timer = document.getElementById("live-timer");
    if (!state || !state.current || !state.current.started_at) {
      timer.textContent = "0:00";
      timer.classList.remove("over");
      return;
    }
    const elapsed = Math.max(0, Math.floor((Date.now() + offset - Date.parse(state.current.started_at)) / 1000));
    timer.textContent = clock(elapsed);
    timer.classList.toggle("over", elapsed > state.time_limit);
  }

  function show() {
    const labels = state.labels;
    document.getElementById("live-delegation").textContent = state.current
      ? state.current.delegation + (state.current.on_behalf_of ? " (" + labels.on_behalf_of.replace("%(group)s", state.current.on_behalf_of) + ")" : "")
      : labels.nobody;
    document.getElementById("live-speaker").textContent = state.current ? state.current.speaker : "";
    fill(document.getElementById("live-waiting"), state.waiting.slice(0, 10), labels);
    fill(document.getElementById("live-delivered"), state.delivered, labels);
    live.dataset.version = String(state.version);
    tick();
  }

  async function poll() {
    try {
      const response = await fetch(url, { cache: "no-cache", headers: { Accept: "application/json" } });
      if (response.ok) {
        const fresh = await response.json();
        if (fresh.now) offset = Date.parse(fresh.now) - Date.now();
        if (fresh.version !== version) {
          version = fresh.version;
          state = fresh;
          show();
        }
      }
    } catch (error) {
      // The network dropped for a moment (a phone in a basement): the next poll retries.
    }
  }

  poll();
  setInterval(poll, 1000);
  setInterval(tick, 250);
})();
