import { clockFrom } from "./common/clock";
import { holdSecret, scrubbedError } from "./http/scrub";
import { resolveSettings, secretValues, type ConfigReader, type Settings } from "./settings";

/**
 * What every dynamic provider here shares: settings from the stack config (called once per provider
 * process; credentials live only in its memory), one clock, and errors scrubbed of secrets.
 */
export abstract class ConfiguredProvider {
  protected settings: Settings = {};
  /** One clock for signing, token expiry and renewal, so `PULUMI_BCS_NOW` moves them together. */
  protected readonly clock: () => Date;
  /**
   * Settings that broke their rules. The engine configures a provider process once and keeps using it
   * when that fails, so every later operation must fail the same way rather than run without settings.
   */
  private settingsError: Error | undefined;

  constructor(protected readonly env: NodeJS.ProcessEnv = process.env) {
    this.clock = clockFrom(env);
  }

  async configure(req: { config: { get(key: string): string | undefined } }): Promise<void> {
    this.configureFrom((key) => req.config.get(key));
  }

  configureFrom(readConfig: ConfigReader): void {
    try {
      this.settings = resolveSettings(readConfig, this.env);
      this.settingsError = undefined;
    } catch (err) {
      this.settings = {};
      this.settingsError = err as Error;
      throw err;
    }
    secretValues(this.settings).forEach(holdSecret);
    this.configured();
  }

  /** Drops what was built from the previous settings. */
  protected configured(): void {}

  /** Errors reach the engine by message only; make sure no credential this process holds is in it. */
  protected async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      if (this.settingsError) throw this.settingsError;
      return await work();
    } catch (err) {
      throw scrubbedError(err, secretValues(this.settings));
    }
  }
}
