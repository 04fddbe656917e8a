// The attendance form (no inline handlers: the CSP forbids them). A typed reason marks the
// member absent; choosing «present» or «not marked» clears the reason, so the form always
// shows what will be saved, and the summary line counts it as the server will.
(() => {
  const form = document.querySelector("[data-attendance]");
  if (!form) return;
  const rest = form.querySelector("[data-mark-rest]");
  const rows = () => Array.from(form.querySelectorAll("[data-member]"));
  const choiceOf = (row) => {
    const checked = row.querySelector("input[type=radio]:checked");
    const reason = row.querySelector("[data-reason]").value.trim();
    const value = checked ? checked.value : "";
    if (value === "present") return "present";
    if (value === "absent" || reason) return "absent";
    return "unmarked";
  };
  const update = () => {
    const counts = { present: 0, absent: 0, unmarked: 0 };
    rows().forEach((row) => { counts[choiceOf(row)] += 1; });
    Object.entries(counts).forEach(([key, n]) => {
      form.querySelector(`[data-count="${key}"]`).textContent = n;
    });
    rest.hidden = counts.unmarked === 0;
  };
  form.addEventListener("input", (event) => {
    const reason = event.target.closest("[data-reason]");
    if (reason && reason.value.trim()) {
      reason.closest("[data-member]").querySelector('input[type=radio][value="absent"]').checked = true;
    }
    update();
  });
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target.type === "radio" && target.value !== "absent") {
      target.closest("[data-member]").querySelector("[data-reason]").value = "";
    }
    update();
  });
  // An explicit choice of the head: every member still unmarked is marked present.
  rest.addEventListener("click", () => {
    rows().forEach((row) => {
      if (choiceOf(row) === "unmarked") {
        row.querySelector('input[type=radio][value="present"]').checked = true;
      }
    });
    update();
  });
  update();
})();
