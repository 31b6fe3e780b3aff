// Keyboard: with the widget focused, Space plays or pauses and the right arrow steps.
// The root carries data-lm-suppress-shortcuts, so JupyterLab's own shortcuts (Space,
// arrows in command mode) do not fire while the playground has the focus.

export function bindKeys(root, actions) {
  root.addEventListener("keydown", (event) => {
    const tag = event.target.tagName;
    if (tag === "SELECT" || tag === "INPUT") return;          // those keys belong to the control
    const space = event.key === " " || event.code === "Space";
    if (space && tag === "BUTTON") return;                    // a focused button clicks itself
    if (space) actions.toggle();
    else if (event.key === "ArrowRight") actions.step();
    else return;
    event.preventDefault();
    event.stopPropagation();
  });
}
