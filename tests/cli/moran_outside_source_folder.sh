# Run from another folder: the shipped contiguity file is found beside the binary.
cd "$TMP" && "$DS" moran "$ROOT/external-data/medecins-departements.csv" --value densite_generalistes --format json |
  jq -r '"\(.n) \(.moran_i * 1e12 | round)"'
