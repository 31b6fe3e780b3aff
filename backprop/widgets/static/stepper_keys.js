// Keys, with the stepper focused: → and ← step, Space plays or pauses, Home goes to the
// start and End to the end of backward. The root carries data-lm-suppress-shortcuts,
// so JupyterLab's notebook shortcuts (Space, arrows in command mode) stay quiet; the
// handled keys also stop here so the notebook never sees them.

export function bindStepperKeys(root, actions) {
  const keys = { ArrowRight: actions.step, ArrowLeft: actions.back, " ": actions.toggle,
                 Home: actions.start, End: actions.end };
  root.addEventListener("keydown", (event) => {
    if (event.target.tagName === "SELECT" || event.altKey || event.ctrlKey || event.metaKey) return;
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();      // also keeps a focused button from clicking on Space
    event.stopPropagation();
    action();
  });
}
