// "Copy" next to the subscription address (no inline handlers: the CSP forbids them).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const input = document.getElementById(button.dataset.copy);
  input.select();
  const done = () => { button.textContent = button.dataset.copied; };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(input.value).then(done, () => document.execCommand("copy") && done());
  } else if (document.execCommand("copy")) {
    done();
  }
});
