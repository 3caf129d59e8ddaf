// The sheet both example portal pages (embed-example.html, iframe-example.html) load into the
// calculator, as a portal would from its own server.
export const sampleSheet = {
  format: 'jixiao-sheet',
  version: 1,
  kind: 'project',
  meta: { unit: '示例单位', project: '示例项目', year: '2024' },
  indicators: [
    { name: '预算执行率', weight: '10', rule: { kind: 'budget_execution' }, target: '200.00', actual: '182.74', reason: '尾款未到支付节点' },
    { name: '完成培训人次', weight: '90', target: '≥500', actual: '480', reason: '一期培训延期' },
  ],
};
