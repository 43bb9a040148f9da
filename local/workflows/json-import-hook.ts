// @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`, which Node
// refuses; this load hook adds the attribute. Import this module before the parser.
import { registerHooks } from 'node:module';

registerHooks({
  load(url, context, nextLoad) {
    if (url.endsWith('.json') && !context.importAttributes?.type)
      return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
    return nextLoad(url, context);
  },
});
