// Decode the binary buffers of the kernel's messages (see backprop/playground/frame.py).
// Buffers arrive as DataViews; float arrays are copied so their offset is aligned.

function bytes(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function floats(view) {
  return new Float32Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

export function decodePoints(msg, buffers) {
  return { n: msg.n, features: msg.features, xy: floats(buffers[0]), target: floats(buffers[1]),
           isTest: bytes(buffers[2]), inputMaps: bytes(buffers[3]) };
}

// The backward view's buffers: every neuron's size of delta, the next update's step for
// every weight and bias, and the new rows (epochs) of the per-layer gradient norms.
export function decodeFrame(msg, buffers) {
  return { ...msg, bigMap: bytes(buffers[0]), neuronMaps: bytes(buffers[1]),
           weights: floats(buffers[2]), biases: floats(buffers[3]),
           weightGrads: floats(buffers[4]), biasGrads: floats(buffers[5]),
           deltas: floats(buffers[6]), weightSteps: floats(buffers[7]), biasSteps: floats(buffers[8]),
           gradNorms: floats(buffers[9]) };
}
