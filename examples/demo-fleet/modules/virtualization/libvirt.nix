# Implements features.virtualization.{enable,libvirt}.
{ config, lib, pkgs, ... }:
let
  cfg = config.features.virtualization;
  useLibvirt = cfg.enable && cfg.libvirt;
in
{
  config = {
    assertions = [
      {
        assertion = cfg.libvirt -> cfg.enable;
        message = "features.virtualization.libvirt requires features.virtualization.enable.";
      }
    ];

    boot.extraModprobeConfig = lib.mkIf cfg.enable "options kvm_amd nested=1";

    virtualisation.libvirtd = lib.mkIf useLibvirt {
      enable = true;
      qemu = {
        package = pkgs.qemu_kvm;
        swtpm.enable = true;
      };
    };
    programs.virt-manager.enable = useLibvirt;
    users.users.alex.extraGroups = lib.optional useLibvirt "libvirtd";
  };
}
