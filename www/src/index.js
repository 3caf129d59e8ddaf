// The embeddable build (dist/jixiao.js): the custom element, mount(), and the engine for a
// portal's own scripts (loadEngine() resolves to Calculator, evaluate, listTemplates, readCell).
export { mount } from './app.js';
export { JixiaoCalculator } from './element.js';
export { loadEngine } from './engine.js';
