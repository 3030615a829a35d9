// Personal agenda: starred sessions live in this browser's localStorage, per conference.
// Without JavaScript the star buttons stay hidden and every page still works.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="plenary-conference"]');
  if (!meta) { return; }
  var key = "plenary:starred:" + meta.content;

  function load() {
    try {
      var ids = JSON.parse(window.localStorage.getItem(key) || "[]");
      return Array.isArray(ids) ? ids.filter(function (id) { return /^\d+$/.test(id); }) : [];
    } catch (error) {
      return [];
    }
  }

  function save(ids) {
    try {
      window.localStorage.setItem(key, JSON.stringify(ids));
    } catch (error) {
      // Private browsing or a full storage: starring simply does not persist.
    }
  }

  function query(ids) {
    return ids.map(function (id) { return "session=" + encodeURIComponent(id); }).join("&");
  }

  function refreshLinks(ids) {
    document.querySelectorAll("a[data-my-agenda]").forEach(function (link) {
      var url = new URL(link.href, window.location.href);
      url.search = query(ids);
      link.href = url.toString();
    });
  }

  function showStar(button, starred) {
    button.setAttribute("aria-pressed", starred ? "true" : "false");
    button.querySelector(".star-icon").textContent = starred ? "★" : "☆";
  }

  // The agenda's cards get their star from one <template>: one button, not 500, in the page.
  var template = document.getElementById("star-template");
  if (template) {
    document.querySelectorAll("[data-stars] li").forEach(function (card) {
      var button = template.content.firstElementChild.cloneNode(true);
      var label = button.querySelector(".visually-hidden");
      var title = card.querySelector("h4");
      button.dataset.session = card.id.replace("session-", "");
      button.hidden = true;
      label.textContent = label.textContent.replace("{title}", title.textContent);
      card.insertBefore(button, card.firstChild);
    });
  }

  var starred = load();
  document.querySelectorAll("button.star[data-session]").forEach(function (button) {
    showStar(button, starred.indexOf(button.dataset.session) !== -1);
    button.hidden = false;
    button.addEventListener("click", function () {
      var ids = load();
      var id = button.dataset.session;
      var position = ids.indexOf(id);
      if (position === -1) { ids.push(id); } else { ids.splice(position, 1); }
      save(ids);
      showStar(button, position === -1);
      refreshLinks(ids);
    });
  });
  refreshLinks(starred);

  // Opening "My agenda" without a list in its address shows this browser's starred sessions.
  var personal = document.querySelector("[data-personal-agenda]");
  if (personal && starred.length && !new URLSearchParams(window.location.search).has("session")) {
    window.location.replace("?" + query(starred));
  }
})();
