// What is known after the first k steps of a Script: the values and gradients shown so
// far, read from the steps (never computed here). Rebuilt from step 0 at every move, so
// stepping back shows exactly what stepping forward showed.
//
// Value graph: data[node] from its forward step; grad[node] the running total after
// its last backward step so far (the Script records it), terms[node] the
// contributions received so far (a node used twice has two, and they add to grad).
// MLP: value[neuron] (first example) from the layer's latest forward step,
// grad[neuron] from its latest backward step, edgeGrad[edge] from dW.

export function stateAt(steps, k) {
  const state = { k, current: k > 0 ? steps[k - 1] : null, data: {}, grad: {}, terms: {},
                  value: {}, neuronGrad: {}, edgeGrad: {}, matrices: {} };
  for (const step of steps.slice(0, k)) {
    if (step.kind === "forward" && "data" in step) state.data[step.node] = step.data;
    if (step.rule === "seed") state.grad[step.node] = step.grad;
    if (step.rule === "chain") {
      state.grad[step.node] = step.grad;
      (state.terms[step.node] = state.terms[step.node] || []).push(step.contribution);
    }
    if (step.neurons) {
      const into = step.kind === "forward" ? state.value : state.neuronGrad;
      Object.assign(into, step.neurons);
    }
    if (step.edge_values) Object.assign(state.edgeGrad, step.edge_values);
    if (step.result) state.matrices[step.result.name] = step.result.value;
  }
  return state;
}
