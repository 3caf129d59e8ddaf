// The Custom Elements Manifest (custom-elements.json, schema 1.0.0) of <jixiao-calculator>, the
// file IDEs, Storybook and documentation tools read. Written here, beside nothing else, and
// checked against www/src/element.js by tests/www/package.test.mjs.

const text = (t) => ({ text: t });

const ATTRIBUTES = [
  ['template', 'string', '内置模板：project、key-evaluation、department-efficiency、department-management、summary'],
  ['autosave', 'string', '在 localStorage 中以此前缀保存工作簿（嵌入时默认不保存）'],
  ['wasm', 'string', 'jixiao_bg.wasm 的地址（不在 jixiao.js 旁边时）'],
  ['compact', 'boolean', '窄版布局（侧边栏）；计算器窄于 560 px 时自动采用'],
];

const PROPERTIES = [
  ['sheet', 'Sheet | null', '读取：评分表（文件格式对象）；写入：载入对象或 JSON 文本', false],
  ['evaluation', 'Report | null', '完整的计算结果（总分、等级、各行、提示）', true],
  ['ready', 'Promise<void>', '引擎载入、表格画好后兑现', true],
];

const EVENTS = [
  ['jixiao-change', 'CustomEvent<ChangeDetail>', '每次修改之后：detail.sheet、detail.evaluation、detail.json、detail.totals（首次读取时算出并保留；在事件处理函数中读取即这一次修改的结果）'],
  ['jixiao-ready', 'CustomEvent<void>', '引擎已载入，表格已画好'],
  ['jixiao-error', 'CustomEvent<{ message: string }>', '引擎无法载入，或 ready 之前设的 sheet 无法读取（detail.message：中文，说明该怎么做）'],
];

export function manifest() {
  const declaration = { name: 'JixiaoCalculator', module: 'jixiao.js' };
  return {
    schemaVersion: '1.0.0',
    readme: 'README.md',
    modules: [{
      kind: 'javascript-module',
      path: 'jixiao.js',
      declarations: [
        {
          kind: 'class',
          name: 'JixiaoCalculator',
          tagName: 'jixiao-calculator',
          customElement: true,
          description: '预算绩效评分计算器：填写指标，即时计算完成率、得分、小计、总分与等级。',
          superclass: { name: 'HTMLElement', package: 'global:' },
          attributes: ATTRIBUTES.map(([name, type, description]) => ({ name, type: text(type), description })),
          members: PROPERTIES.map(([name, type, description, readonly]) => ({ kind: 'field', name, type: text(type), description, ...(readonly ? { readonly: true } : {}) })),
          events: EVENTS.map(([name, type, description]) => ({ name, type: text(type), description })),
        },
        { kind: 'function', name: 'mount', description: '把计算器画进一个元素；返回控制器（ready、getSheet、setSheet、report、undo、redo、setCompact、destroy）。' },
        { kind: 'function', name: 'loadEngine', description: '载入计分引擎（供门户自己的脚本使用）。' },
      ],
      exports: [
        { kind: 'js', name: 'JixiaoCalculator', declaration },
        { kind: 'custom-element-definition', name: 'jixiao-calculator', declaration },
        { kind: 'js', name: 'mount', declaration: { name: 'mount', module: 'jixiao.js' } },
        { kind: 'js', name: 'loadEngine', declaration: { name: 'loadEngine', module: 'jixiao.js' } },
      ],
    }],
  };
}
