# p510: Quadro P2000 used for Plex/Jellyfin transcoding and Ollama (CUDA).
# Single GPU, no display attached, so no PRIME.
{ config, lib, ... }:
{
  modules.hardware.nvidia = {
    enable = true;
    prime = "none";
    open = false; # Pascal: the open module does not support it.
  };

  # Headless: keep the driver loaded so the first transcode does not wait.
  hardware.nvidia.nvidiaPersistenced = true;
  hardware.nvidia.package = lib.mkForce config.boot.kernelPackages.nvidiaPackages.production;

  # Let the media services use NVENC/NVDEC.
  users.users.plex.extraGroups = [
    "video"
    "render"
  ];
}
