# p510 media stack: Plex for the TV, Jellyfin for everything else, *arr feeding both.
{ config, pkgs, fleetLib, ... }:
let
  ports = rec {
    plex = 32400;
    jellyfin = 8096;
    sonarr = 8989;
    radarr = 7878;
    prowlarr = 9696;
  };
  mediaRoot = "/mnt/media";
in
{
  features = {
    plex = {
      enable = true;
      openFirewall = true; # the LG TV is not on the tailnet
    };
    jellyfin.enable = true;
    arr = {
      enable = true;
      sonarr = true;
      radarr = true;
      prowlarr = true;
    };
  };

  systemd.tmpfiles.rules = [
    "d ${mediaRoot} 0775 root media -"
    "d ${mediaRoot}/tv 0775 sonarr media -"
    "d ${mediaRoot}/films 0775 radarr media -"
    "d ${mediaRoot}/downloads 0775 root media -"
  ];

  # *arr web UIs are tailnet-only.
  networking.firewall.interfaces."tailscale0".allowedTCPPorts = [
    ports.sonarr
    ports.radarr
    ports.prowlarr
  ];

  # Nightly: drop finished downloads older than two weeks.
  # (Written quickly after the disk filled up in March.)
  systemd.services.media-cleanup = {
    description = "Remove stale downloads from ${mediaRoot}/downloads";
    startAt = "04:00";
    path = [ pkgs.findutils ];
    serviceConfig = {
      Type = "oneshot";
      ExecStart = "${pkgs.findutils}/bin/find ${mediaRoot}/downloads -mindepth 1 -mtime +14 -delete";
    };
  };

  # Refresh the Jellyfin library after the *arr imports (runs unprivileged;
  # the API token is dropped into /var/lib/jellyfin-refresh by hand).
  systemd.services.jellyfin-refresh = fleetLib.mkService "jellyfin-refresh" ports.jellyfin // {
    startAt = "*:0/30";
    path = [ pkgs.curl ];
    script = ''
      curl -fsS -X POST "http://127.0.0.1:${toString config.features.jellyfin.port}/Library/Refresh" \
        -H "X-Emby-Token: $(cat /var/lib/jellyfin-refresh/api-token)"
    '';
  };
}
