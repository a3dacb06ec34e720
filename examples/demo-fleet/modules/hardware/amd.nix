# AMD CPU/GPU support. Hosts pass values from hardware-profiles/amd.nix.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.modules.hardware.amd;
in
{
  options.modules.hardware.amd = {
    enable = mkEnableOption "AMD CPU microcode and amdgpu graphics";
    rocm = mkEnableOption "the ROCm compute stack (HIP, OpenCL) for the amdgpu";
    gfxOverride = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "11.0.0";
      description = "Value for HSA_OVERRIDE_GFX_VERSION when the GPU is not on ROCm's official list.";
    };
  };

  config = mkIf cfg.enable {
    hardware.cpu.amd.updateMicrocode = config.hardware.enableRedistributableFirmware;
    boot.initrd.kernelModules = [ "amdgpu" ];
    services.xserver.videoDrivers = [ "amdgpu" ];

    hardware.graphics = {
      enable = true;
      enable32Bit = true;
      extraPackages = lib.optionals cfg.rocm [ pkgs.rocmPackages.clr.icd ];
    };
    hardware.amdgpu.opencl.enable = cfg.rocm;

    # Many ROCm tools hard-code /opt/rocm.
    systemd.tmpfiles.rules = lib.optionals cfg.rocm [
      "L+ /opt/rocm/hip - - - - ${pkgs.rocmPackages.clr}"
    ];

    environment.variables = lib.optionalAttrs (cfg.gfxOverride != null) {
      HSA_OVERRIDE_GFX_VERSION = cfg.gfxOverride;
    };

    environment.systemPackages = lib.optionals cfg.rocm [
      pkgs.rocmPackages.rocminfo
      pkgs.rocmPackages.rocm-smi
    ];
  };
}
