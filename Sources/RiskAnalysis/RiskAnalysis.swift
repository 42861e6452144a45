// Placeholder until the risk figures land.
