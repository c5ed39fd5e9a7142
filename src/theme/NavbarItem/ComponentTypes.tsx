import ComponentTypes from '@theme-original/NavbarItem/ComponentTypes';
import AgentStatus from '@site/src/components/agent/AgentStatus';

/** Lets docusaurus.config.ts place the agent indicator with `type: 'custom-agentStatus'`. */
export default {
  ...ComponentTypes,
  'custom-agentStatus': AgentStatus,
};
