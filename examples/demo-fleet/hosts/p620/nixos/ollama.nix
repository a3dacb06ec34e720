# p620 is the fleet's LLM box: Ollama on ROCm, reachable from the tailnet.
{ config, pkgs, ... }:
{
  modules.services.ollama = {
    enable = true;
    acceleration = "rocm";
    listenOnTailnet = true;
  };

  services.ollama = {
    rocmOverrideGfx = config.modules.hardware.amd.gfxOverride;
    environmentVariables = {
      OLLAMA_KEEP_ALIVE = "30m";
      OLLAMA_MAX_LOADED_MODELS = "2";
    };
  };

  # Pull the models we always want after the server comes up.
  systemd.services.ollama-pull-models = {
    description = "Pre-pull the default Ollama models";
    after = [ "ollama.service" ];
    wants = [ "ollama.service" ];
    wantedBy = [ "multi-user.target" ];
    path = [ pkgs.ollama ];
    environment.OLLAMA_HOST = "http://127.0.0.1:11434";
    serviceConfig = {
      Type = "oneshot";
      DynamicUser = true;
      RemainAfterExit = true;
    };
    script = ''
      for m in qwen2.5-coder:14b llama3.1:8b nomic-embed-text; do
        ollama pull "$m"
      done
    '';
  };
}
