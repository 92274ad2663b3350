import {
	searchAccessKeys,
	searchCachedDatasets,
	searchCollections,
	searchProjects,
	searchSavedQueries,
} from './listSearch';
import { getCollectionProperties } from './loadOptions';

export const listSearch = {
	searchAccessKeys,
	searchCachedDatasets,
	searchCollections,
	searchProjects,
	searchSavedQueries,
};

export const loadOptions = { getCollectionProperties };
