// Cosmos DB for NoSQL, serverless: the account, the database and the containers with the partition keys
// and indexing policies of src/adapters/cosmos/containers.ts (passed in from infra/cosmos-containers.json,
// which is generated from that file). Keys are disabled: the managed identity, and the administrator who
// imports the directory, hold the data-plane role Cosmos DB Built-in Data Contributor.
param name string
param location string
param tags object
param databaseName string
@description('Container resources, each as `properties.resource` of a SQL container.')
param containers array
param identityPrincipalId string
@description('Object id of a user or group who may read and write data (for `escalation-admin directory import`); empty for none.')
param administratorPrincipalId string

// Cosmos DB Built-in Data Contributor: a data-plane role, assigned with sqlRoleAssignments (not Azure RBAC).
var dataContributor = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [{ name: 'EnableServerless' }]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for container in containers: {
  parent: database
  name: container.id
  properties: {
    resource: container
  }
}]

resource identityData 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: account
  name: guid(account.id, identityPrincipalId, dataContributor)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributor}'
    principalId: identityPrincipalId
    scope: account.id
  }
}

resource administratorData 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = if (!empty(administratorPrincipalId)) {
  parent: account
  name: guid(account.id, administratorPrincipalId, dataContributor)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributor}'
    principalId: administratorPrincipalId
    scope: account.id
  }
}

output name string = account.name
output endpoint string = account.properties.documentEndpoint
