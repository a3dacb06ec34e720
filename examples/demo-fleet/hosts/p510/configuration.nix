# ============================================================================
#  p510 -- Lenovo ThinkStation P510
#  Intel Xeon E5-2698 v4 (20 cores), 64 GB ECC, NVIDIA Quadro P2000
#
#  Role: home server. Media (Plex for the TV, Jellyfin for everyone else, the
#  *arr stack), NFS exports for the workstation, restic backup target for the
#  fleet, remote builder for p620's big builds, small Ollama for Home Assistant.
#
#  Notes
#    * Headless. The P2000 is only for NVENC/NVDEC and CUDA.
#    * The media disks are not in the root pool; everything mounting them
#      uses `nofail` so a dead disk does not stop the box from booting.
#    * stateVersion 23.11: installed then, never reinstalled. Leave it.
#
#  Known issues
#    * After a driver update Plex sometimes falls back to software
#      transcoding until the service is restarted. `just restart p510 plex`.
#    * The Zigbee stick changes from ttyUSB0 to ttyUSB1 if the UPS cable is
#      plugged in first. TODO: udev symlink by serial.
#    * NFS over the tailnet stalls if p620 suspends with the share mounted;
#      the automount idle timeout on p620 mostly hides it.
# ============================================================================
{
  config,
  lib,
  pkgs,
  inputs,
  ...
}:
let
  vars = import ./variables.nix { };
  hostTypes = import ../../templates { inherit lib; };
  cpu = vars.cpuProfile;
  gpu = vars.hardwareProfile;

  # Hosts allowed to mount the NFS exports (tailnet CGNAT range + LAN).
  nfsClients = "100.64.0.0/10(rw,sync,no_subtree_check) 192.168.1.0/24(ro,sync,no_subtree_check)";
in
{
  # --------------------------------------------------------------------------
  # Imports
  # --------------------------------------------------------------------------
  imports = hostTypes.server.imports ++ [
    ./hardware-configuration.nix
    ./nixos/nvidia.nix
    ./nixos/media.nix

    ../../modules/hardware/intel.nix
    ../../modules/hardware/nvidia.nix
    ../../modules/media/plex.nix
    ../../modules/media/jellyfin.nix
    ../../modules/media/arr.nix
    ../../modules/services/ollama.nix
    ../../modules/services/backup.nix

    inputs.nixos-hardware.nixosModules.common-cpu-intel
    inputs.nixos-hardware.nixosModules.common-gpu-nvidia-nonprime
    inputs.nixos-hardware.nixosModules.common-pc-ssd
  ];

  _module.args.vars = vars;

  # --------------------------------------------------------------------------
  # Features
  #
  # Media features (plex, jellyfin, arr) are set in ./nixos/media.nix.
  # --------------------------------------------------------------------------
  features.development = {
    # Enough to hack on the media scripts over SSH.
    enable = true;
    python = true;
    neovim = true;
  };
  features.development.go = true;

  features.tailscale = {
    enable = true;
    # p510 advertises the LAN so the phone can reach the printer and the TV.
    acceptRoutes = false;
    ssh = true;
  };
  features.tailscale.exitNode = lib.mkForce false; # p620 is the exit node

  features.security.auditd = lib.mkDefault true;
  # Higher priority than the template's mkDefault, lower than a plain
  # assignment in any module (which would still win).
  features.security.fail2ban = lib.mkOverride 900 true;

  # Not a desktop, ever. The template says so too, but p510 only takes the
  # template's imports, so say it here.
  features.desktop.enable = false;

  features.backup = {
    enable = true;
    # p510 backs itself up to the USB disk, not to itself over SFTP.
    repository = "/mnt/usb-backup/restic/p510";
    paths = [
      "/var/lib/plex"
      "/var/lib/jellyfin"
      "/var/lib/sonarr"
      "/var/lib/radarr"
      "/var/lib/prowlarr"
      "/etc/nixos"
    ];
  };

  # --------------------------------------------------------------------------
  # Hardware
  # --------------------------------------------------------------------------
  modules.hardware.intel = {
    enable = cpu.cpu == "intel";
    # The Xeon has no iGPU; VA-API comes from the NVIDIA card (nvidia-vaapi-driver).
    vaapi = false;
  };

  # nixos/nvidia.nix sets modules.hardware.nvidia.*; the data profile only
  # tells us which X driver name to use.
  services.xserver.videoDrivers = gpu.videoDrivers;
  hardware.graphics.extraPackages = [ pkgs.nvidia-vaapi-driver ];

  # Ollama with CUDA: small models for Home Assistant's voice pipeline.
  modules.services.ollama = {
    enable = true;
    inherit (gpu) acceleration;
    listenOnTailnet = true;
  };

  # Docker for FlareSolverr (features.arr) and the Home Assistant container.
  modules.containers.docker = {
    enable = true;
    storageDriver = "overlay2";
  };

  hardware.enableRedistributableFirmware = true;
  hardware.rasdaemon.enable = true;

  services.smartd = {
    enable = true;
    autodetect = true;
    # The WD Reds report bogus temperature warnings below 45 C.
    defaults.monitored = "-a -o on -s (S/../.././02|L/../../6/03) -W 0,50,55";
  };

  # HDD spin-down for the media disks after 20 minutes idle.
  services.udev.extraRules = ''
    ACTION=="add|change", KERNEL=="sd[a-z]", ATTR{queue/rotational}=="1", RUN+="${pkgs.hdparm}/bin/hdparm -S 240 /dev/%k"
  '';

  # --------------------------------------------------------------------------
  # Boot
  # --------------------------------------------------------------------------
  boot.loader.systemd-boot = {
    enable = true;
    configurationLimit = 15;
  };
  boot.loader.efi.canTouchEfiVariables = true;

  # LTS kernel on the server: the NVIDIA production driver tracks it.
  boot.kernelPackages = pkgs.linuxPackages_6_12;

  boot.kernelParams = [
    "intel_iommu=on"
    "iommu=pt"
    # Console on the BMC serial port; the box has no monitor.
    "console=tty0"
    "console=ttyS0,115200n8"
  ];

  boot.kernel.sysctl = {
    "vm.swappiness" = 10;
    # Plex and the *arr apps watch large libraries.
    "fs.inotify.max_user_watches" = 524288;
    # Faster NFS over the tailnet.
    "net.core.rmem_max" = 16777216;
    "net.core.wmem_max" = 16777216;
  };

  # Do not reboot into a half-mounted state: wait for the media disks, but
  # give up after 30 s (nofail in hardware-configuration.nix).
  systemd.services.plex.unitConfig.RequiresMountsFor = [ vars.mediaRoot ];
  systemd.services.jellyfin.unitConfig.RequiresMountsFor = [ vars.mediaRoot ];

  # USB backup disk, mounted on demand by the restic timer.
  fileSystems."/mnt/usb-backup" = {
    device = "/dev/disk/by-label/usb-backup";
    fsType = "ext4";
    options = [
      "noauto"
      "nofail"
      "x-systemd.automount"
      "x-systemd.idle-timeout=300"
    ];
  };

  # --------------------------------------------------------------------------
  # Networking
  # --------------------------------------------------------------------------
  networking.hostName = vars.hostName;
  networking.hostId = "4c2b9e01";
  networking.useNetworkd = true;
  networking.networkmanager.enable = false;

  systemd.network.networks."10-lan" = {
    matchConfig.Name = "eno1";
    address = [ "${vars.lanAddress}/24" ];
    gateway = [ "192.168.1.1" ];
    dns = [ "192.168.1.1" ];
    linkConfig.RequiredForOnline = "routable";
  };

  networking.firewall = {
    enable = true;
    # NFS is tailnet-only (trusted interface); SSH too. Plex opens its own
    # ports through features.plex.openFirewall because of the TV.
    allowedTCPPorts = [ ];
    allowedUDPPorts = [ ];
    interfaces."tailscale0".allowedTCPPorts = [
      2049 # NFS
      8123 # Home Assistant
    ];
  };

  # --------------------------------------------------------------------------
  # Storage services
  # --------------------------------------------------------------------------

  # NFSv4 exports for p620 (media, backup browsing).
  services.nfs.server = {
    enable = true;
    exports = ''
      /mnt/media  ${nfsClients}
      /srv/backup 100.64.0.0/10(ro,sync,no_subtree_check)
    '';
  };

  # Restic target for the other hosts: SFTP-only user, chrooted to /srv/backup.
  users.users.backup = {
    isSystemUser = true;
    group = "backup";
    home = "/srv/backup";
    shell = pkgs.bashInteractive;
    openssh.authorizedKeys.keys = [
      ''restrict,command="internal-sftp" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE restic@p620''
      ''restrict,command="internal-sftp" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE restic@razer''
      ''restrict,command="internal-sftp" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE restic@hp''
    ];
  };
  users.groups.backup = { };

  services.openssh.extraConfig = ''
    Match User backup
      ChrootDirectory /srv/backup
      ForceCommand internal-sftp
      AllowTcpForwarding no
      X11Forwarding no
  '';

  systemd.tmpfiles.rules = [
    "d /srv/backup 0755 root root -"
    "d /srv/backup/p620 0700 backup backup -"
    "d /srv/backup/razer 0700 backup backup -"
    "d /srv/backup/hp 0700 backup backup -"
  ];

  # --------------------------------------------------------------------------
  # Remote builder for p620
  # --------------------------------------------------------------------------
  users.users.nixremote = {
    isSystemUser = true;
    group = "nixremote";
    shell = pkgs.bashInteractive;
    openssh.authorizedKeys.keys = [
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE root@p620"
    ];
  };
  users.groups.nixremote = { };

  nix.settings = {
    trusted-users = [ "nixremote" ];
    # Leave two cores for Plex transcoding when building for p620.
    max-jobs = 4;
    cores = 4;
    system-features = [
      "nixos-test"
      "big-parallel"
      "kvm"
    ];
  };

  # --------------------------------------------------------------------------
  # Home Assistant (container; the NixOS module lags behind integrations)
  # --------------------------------------------------------------------------
  virtualisation.oci-containers.containers.homeassistant = {
    image = "ghcr.io/home-assistant/home-assistant:2025.11";
    volumes = [
      "/var/lib/homeassistant:/config"
      "/etc/localtime:/etc/localtime:ro"
    ];
    environment.TZ = vars.timeZone;
    extraOptions = [
      "--network=host"
      "--device=/dev/ttyUSB0:/dev/ttyUSB0" # Zigbee stick
    ];
  };
  systemd.tmpfiles.settings."10-homeassistant"."/var/lib/homeassistant".d = {
    mode = "0750";
    user = "root";
    group = "root";
  };

  # --------------------------------------------------------------------------
  # Housekeeping
  # --------------------------------------------------------------------------

  # Servers update themselves at night from the flake in git, built on p620's
  # cache. Reboots only on kernel changes, and only in the window.
  system.autoUpgrade = {
    enable = true;
    flake = "github:example/demo-fleet#p510";
    dates = "04:30";
    randomizedDelaySec = "30min";
    allowReboot = true;
    rebootWindow = {
      lower = "04:00";
      upper = "06:00";
    };
  };

  # Make sure the box comes back after a power cut.
  systemd.watchdog.runtimeTime = "60s";
  systemd.watchdog.rebootTime = "5min";

  # GC more often than the default: the media disk is large, root is not.
  nix.gc.dates = lib.mkForce "daily";
  nix.gc.options = lib.mkForce "--delete-older-than 14d";

  # Text-file collector for the node exporter: media library size, so Grafana
  # on dex5550 can graph it. Runs as the media group member "jellyfin".
  systemd.services.media-size-metrics = {
    description = "Write media library size for the node exporter textfile collector";
    startAt = "hourly";
    path = [ pkgs.coreutils ];
    serviceConfig = {
      Type = "oneshot";
      User = "jellyfin";
      Group = "media";
      ReadWritePaths = [ "/var/lib/node-exporter" ];
      ProtectSystem = "strict";
      ProtectHome = true;
      PrivateTmp = true;
      NoNewPrivileges = true;
    };
    script = ''
      bytes=$(du -sb ${vars.mediaRoot} | cut -f1)
      printf 'media_library_bytes %s\n' "$bytes" > /var/lib/node-exporter/media.prom.$$
      mv /var/lib/node-exporter/media.prom.$$ /var/lib/node-exporter/media.prom
    '';
  };
  systemd.tmpfiles.settings."20-node-exporter"."/var/lib/node-exporter".d = {
    mode = "0775";
    user = "root";
    group = "media";
  };

  # --------------------------------------------------------------------------
  # Users
  # --------------------------------------------------------------------------
  users.users.alex.extraGroups = [
    "media"
    "render"
    "video"
  ];

  # Jellyfin and Plex need the GPU devices.
  users.users.jellyfin.extraGroups = [
    "render"
    "video"
  ];

  home-manager.users.alex = {
    programs.btop = {
      enable = true;
      settings.update_ms = 1000;
    };
  };

  # --------------------------------------------------------------------------
  # Misc
  # --------------------------------------------------------------------------
  time.timeZone = vars.timeZone;
  console.keyMap = "us";

  # Server-only admin tools (CLI basics come from modules/programs/cli-tools.nix).
  environment.systemPackages = [
    pkgs.hdparm
    pkgs.mergerfs-tools
    pkgs.nfs-utils
    pkgs.restic
    config.hardware.nvidia.package.bin # nvidia-smi for debugging transcodes
  ];

  # Serial console login for the BMC.
  systemd.services."serial-getty@ttyS0".enable = true;

  # Do not bump without reading the release notes for every version in between.
  system.stateVersion = vars.stateVersion;
}
