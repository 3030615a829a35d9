// The admin's theme (django-unfold) runs on Alpine's CSP build (static/unfold/js/alpine/
// alpine.js): it evaluates no JavaScript written in HTML attributes, so the Content-Security-
// Policy keeps forbidding 'unsafe-eval'. What unfold's templates wrote there lives here:
// the components they name (x-data="theme()") are registered with Alpine, and the page's own
// state, which unfold's skeleton wrote inline, is the adminPage component
// (templates/unfold/layouts/skeleton.html).
document.addEventListener("alpine:init", () => {
  Alpine.data("theme", theme);
  Alpine.data("searchForm", searchForm);
  Alpine.data("adminPage", (primaryTab) => ({
    activeTab: primaryTab,
    sidebarMobileOpen: false,
    sidebarDesktopOpen: localStorage.getItem("sidebarDesktopOpen") !== "0",
    init() {
      if (primaryTab) {
        this.activeTab = getCurrentTab() || primaryTab;
      }
      this.$watch("sidebarDesktopOpen", (open) => {
        localStorage.setItem("sidebarDesktopOpen", open ? "1" : "0");
      });
    },
    // A change form posts back to itself, on the tab it was on.
    formAction() {
      const here = window.location.pathname + window.location.search;
      return this.activeTab && this.activeTab !== "general" ? `${here}#${this.activeTab}` : here;
    },
  }));
});

// The theme draws its icons with a font's ligatures: a link or button holding only an icon
// would be read out as its ligature ("add", "edit_square"); one with a title is named by it
// ("Add delegation").
document.addEventListener("DOMContentLoaded", () => {
  for (const control of document.querySelectorAll("a[title], button[title]")) {
    if (onlyIcons(control)) {
      control.setAttribute("aria-label", control.title);
    }
  }
});

function onlyIcons(element) {
  return [...element.childNodes].every(
    (node) =>
      (node.nodeType === Node.TEXT_NODE && !node.textContent.trim()) ||
      (node.nodeType === Node.ELEMENT_NODE && node.classList.contains("material-symbols-outlined")),
  );
}
