// The user-assigned managed identity the Function App runs as: it reaches Storage, Cosmos DB and Application
// Insights through role assignments, and (with botAuthType UserManagedIdentity) it is the bot's identity too,
// so no key or client secret exists anywhere.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
