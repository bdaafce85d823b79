import * as core from '@actions/core'
import type { Log } from '../ports/log'

/** The log as workflow commands: annotations for warnings and errors, folded groups, masks. */
export const actionsLog: Log = {
  debug: message => core.debug(message),
  info: message => core.info(message),
  notice: (message, where) => core.notice(message, where ?? {}),
  warning: (message, where) => core.warning(message, where ?? {}),
  error: (message, where) => core.error(message, where ?? {}),
  group: (name, fn) => core.group(name, fn),
  mask: secret => core.setSecret(secret)
}
