{
  description = "demo-fleet: six NixOS hosts on one tailnet (nixstudio example repository)";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

    home-manager = {
      url = "github:nix-community/home-manager";
      inputs.nixpkgs.follows = "nixpkgs";
    };

    agenix = {
      url = "github:ryantm/agenix";
      inputs.nixpkgs.follows = "nixpkgs";
      inputs.home-manager.follows = "home-manager";
    };

    nixos-hardware.url = "github:NixOS/nixos-hardware/master";

    # Only p620 runs microVMs; the module imports this input itself.
    microvm = {
      url = "github:astro/microvm.nix";
      inputs.nixpkgs.follows = "nixpkgs";
    };
  };

  outputs =
    {
      self,
      nixpkgs,
      home-manager,
      agenix,
      ...
    }@inputs:
    let
      system = "x86_64-linux";

      fleetLib = import ./lib { inherit (nixpkgs) lib; };

      # One helper for every host. Entry point is hosts/<name>/configuration.nix,
      # except hp which still uses hosts/hp/default.nix (see mkHostFrom below).
      mkHostFrom =
        name: entry:
        nixpkgs.lib.nixosSystem {
          inherit system;
          specialArgs = {
            inputs = inputs;
            inherit fleetLib;
            hostName = name;
          };
          modules = [
            entry
            agenix.nixosModules.default
            home-manager.nixosModules.home-manager
            { nixpkgs.overlays = [ self.overlays.default ]; }
          ];
        };

      mkHost = name: mkHostFrom name ./hosts/${name}/configuration.nix;
    in
    {
      overlays.default = final: _prev: {
        fleet-health = final.callPackage ./pkgs/fleet-health { };
      };

      nixosConfigurations = {
        p620 = mkHost "p620";
        p510 = mkHost "p510";
        razer = mkHost "razer";
        samsung = mkHost "samsung";
        dex5550 = mkHost "dex5550";
        hp = mkHostFrom "hp" ./hosts/hp/default.nix;

        # Retired 2024: disks moved into p510, config kept in git history.
        # oldnas = mkHost "oldnas";
      };

      packages.${system}.fleet-health =
        nixpkgs.legacyPackages.${system}.callPackage ./pkgs/fleet-health
          { };

      formatter.${system} = nixpkgs.legacyPackages.${system}.nixfmt-rfc-style;

      devShells.${system}.default = nixpkgs.legacyPackages.${system}.mkShell {
        packages = [
          agenix.packages.${system}.default
          nixpkgs.legacyPackages.${system}.just
          nixpkgs.legacyPackages.${system}.nvd
        ];
      };
    };
}
