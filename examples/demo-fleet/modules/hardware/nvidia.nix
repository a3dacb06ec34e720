# NVIDIA proprietary driver, with optional PRIME for hybrid laptops.
{ config, lib, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.modules.hardware.nvidia;
in
{
  options.modules.hardware.nvidia = {
    enable = mkEnableOption "the NVIDIA proprietary driver";
    prime = mkOption {
      type = types.enum [
        "offload"
        "sync"
        "none"
      ];
      default = "none";
      description = "PRIME mode for hybrid graphics: `offload` (iGPU by default, `nvidia-offload` for the dGPU), `sync` (dGPU always), or `none` on single-GPU machines.";
    };
    open = mkOption {
      type = types.bool;
      default = false;
      description = "Use NVIDIA's open kernel module (Turing and newer only).";
    };
    intelBusId = mkOption {
      type = types.str;
      default = "";
      example = "PCI:0:2:0";
      description = "PCI bus id of the Intel iGPU (needed when prime is not `none`).";
    };
    nvidiaBusId = mkOption {
      type = types.str;
      default = "";
      example = "PCI:1:0:0";
      description = "PCI bus id of the NVIDIA dGPU (needed when prime is not `none`).";
    };
  };

  config = mkIf cfg.enable {
    assertions = [
      {
        assertion = cfg.prime != "none" -> (cfg.intelBusId != "" && cfg.nvidiaBusId != "");
        message = "modules.hardware.nvidia.prime = \"${cfg.prime}\" needs intelBusId and nvidiaBusId (see `lspci | grep -E 'VGA|3D'`).";
      }
    ];

    services.xserver.videoDrivers = [ "nvidia" ];
    hardware.graphics = {
      enable = true;
      enable32Bit = true;
    };

    hardware.nvidia = {
      inherit (cfg) open;
      modesetting.enable = true;
      powerManagement.enable = cfg.prime == "offload";
      powerManagement.finegrained = cfg.prime == "offload";
      nvidiaSettings = true;
      package = config.boot.kernelPackages.nvidiaPackages.stable;

      prime = mkIf (cfg.prime != "none") {
        inherit (cfg) intelBusId nvidiaBusId;
        offload = {
          enable = cfg.prime == "offload";
          enableOffloadCmd = cfg.prime == "offload";
        };
        sync.enable = cfg.prime == "sync";
      };
    };

    hardware.nvidia-container-toolkit.enable = config.virtualisation.docker.enable;
  };
}
