# ============================================================================
#  hp -- HP ProDesk 600 G4 SFF
#  Intel i5-8500, 32 GB, 2x 4 TB in the data bay
#
#  Role: second server. Backups of the laptops (restic over SFTP to p510 is
#  the primary; this box keeps a second copy), print server for the
#  old USB-only label printer, and the spare box for experiments.
#
#  Entry point is default.nix, not configuration.nix: this host predates the
#  naming convention and flake.nix points at it explicitly.
# ============================================================================
{ config, lib, pkgs, inputs, fleetLib, ... }:
let
  vars = import ./variables.nix { };
  hostTypes = import ../../templates { inherit lib; };
  hw = vars.hardwareProfile;
in
{
  imports = hostTypes.server.imports ++ [
    ./hardware-configuration.nix
    ../../modules/hardware/intel.nix
    ../../modules/services/backup.nix
    inputs.nixos-hardware.nixosModules.common-cpu-intel
  ];

  features.tailscale.enable = true;
  features.security.fail2ban = true;
  features.backup = {
    enable = true;
    paths = [
      "/srv/data"
      "/etc/nixos"
    ];
  };
  features.development.enable = lib.mkDefault false;

  modules.hardware.intel = {
    enable = hw.cpu == "intel";
    vaapi = false;
  };
  modules.containers.docker.enable = true;

  # --- Boot ------------------------------------------------------------------
  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;
  boot.kernelPackages = pkgs.linuxPackages_6_12;

  # --- Networking ------------------------------------------------------------
  networking.hostName = vars.hostName;
  networking.interfaces.eno1.ipv4.addresses = [
    {
      address = vars.lanAddress;
      prefixLength = 24;
    }
  ];
  networking.defaultGateway = "192.168.1.1";
  networking.nameservers = [ "192.168.1.1" ];

  # TODO(alex): CUPS discovery for the label printer only worked with the
  # firewall off. Turn it back on once the right ports are known (631 + mDNS?).
  networking.firewall.enable = false;

  # --- Services --------------------------------------------------------------
  services.printing = {
    enable = true;
    listenAddresses = [ "*:631" ];
    allowFrom = [ "all" ];
    browsing = true;
    defaultShared = true;
    drivers = [ pkgs.gutenprint ];
  };
  services.avahi = {
    enable = true;
    nssmdns4 = true;
    publish = {
      enable = true;
      userServices = true;
    };
  };

  # Second backup copy: pull p510's restic repos nightly.
  systemd.services.backup-mirror = fleetLib.mkService "backup-mirror" 0 // {
    startAt = "05:15";
    path = [
      pkgs.rsync
      pkgs.openssh
    ];
    script = ''
      rsync -a --delete backup@p510.tailnet-demo.ts.net:/srv/backup/ /srv/data/backup-mirror/
    '';
  };

  services.smartd.enable = true;

  environment.systemPackages = fleetLib.mkIf config.services.printing.enable [
    pkgs.system-config-printer
    pkgs.cups-filters
  ];

  time.timeZone = vars.timeZone;
  system.stateVersion = vars.stateVersion;
}
